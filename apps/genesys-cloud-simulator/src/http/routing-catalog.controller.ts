import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { pageRequest } from '../domain/paging';
import {
  createLanguage,
  createSkill,
  createWrapupCode,
  deleteLanguage,
  deleteSkill,
  deleteWrapupCode,
  getLanguage,
  getSkill,
  getWrapupCode,
  languageView,
  listLanguages,
  listSkills,
  listWrapupCodes,
  skillView,
  updateWrapupCode,
  wrapupCodeView,
} from '../domain/routing';
import { SimContext } from '../sim-context';
import { type Query as Q, list, str } from './request-helpers';

/** Skills, languages and wrap-up codes: the org-wide routing catalogs. */
@Controller('api/v2/routing')
export class RoutingCatalogController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  @Get('skills')
  skills(@Query() q: Q): unknown {
    return listSkills(
      this.sim.org,
      { name: str(q, 'name'), id: list(q, 'id') },
      pageRequest(str(q, 'pageNumber'), str(q, 'pageSize')),
    );
  }

  @Post('skills')
  @HttpCode(200)
  createSkill(@Body() body: unknown): unknown {
    return skillView(createSkill(this.sim.org, this.sim.clock, body));
  }

  @Get('skills/:skillId')
  skill(@Param('skillId') id: string): unknown {
    return skillView(getSkill(this.sim.org, id));
  }

  /** Only the division can change; skills have no PUT or rename. The simulator has one division. */
  @Patch('skills/:skillId')
  patchSkill(@Param('skillId') id: string): unknown {
    return skillView(getSkill(this.sim.org, id));
  }

  @Delete('skills/:skillId')
  @HttpCode(204)
  deleteSkill(@Param('skillId') id: string): void {
    deleteSkill(this.sim.org, this.sim.clock, id);
  }

  @Get('languages')
  languages(@Query() q: Q): unknown {
    const query = { name: str(q, 'name'), id: list(q, 'id'), sortOrder: str(q, 'sortOrder') };
    return listLanguages(this.sim.org, query, pageRequest(str(q, 'pageNumber'), str(q, 'pageSize')));
  }

  @Post('languages')
  @HttpCode(200)
  createLanguage(@Body() body: unknown): unknown {
    return languageView(createLanguage(this.sim.org, this.sim.clock, body));
  }

  @Get('languages/:languageId')
  language(@Param('languageId') id: string): unknown {
    return languageView(getLanguage(this.sim.org, id));
  }

  @Delete('languages/:languageId')
  @HttpCode(204)
  deleteLanguage(@Param('languageId') id: string): void {
    deleteLanguage(this.sim.org, this.sim.clock, id);
  }

  @Get('wrapupcodes')
  wrapupCodes(@Query() q: Q): unknown {
    const query = {
      name: str(q, 'name'),
      id: list(q, 'id'),
      sortBy: str(q, 'sortBy'),
      sortOrder: str(q, 'sortOrder'),
    };
    return listWrapupCodes(this.sim.org, query, pageRequest(str(q, 'pageNumber'), str(q, 'pageSize')));
  }

  @Get('wrapupcodes/divisionviews')
  wrapupCodeDivisionViews(@Query() q: Q): unknown {
    return this.wrapupCodes(q);
  }

  @Get('wrapupcodes/divisionviews/:codeId')
  wrapupCodeDivisionView(@Param('codeId') id: string): unknown {
    return wrapupCodeView(this.sim.org, getWrapupCode(this.sim.org, id));
  }

  @Post('wrapupcodes')
  @HttpCode(200)
  createWrapupCode(@Body() body: unknown): unknown {
    return wrapupCodeView(this.sim.org, createWrapupCode(this.sim.org, this.sim.clock, body));
  }

  @Get('wrapupcodes/:codeId')
  wrapupCode(@Param('codeId') id: string): unknown {
    return wrapupCodeView(this.sim.org, getWrapupCode(this.sim.org, id));
  }

  @Put('wrapupcodes/:codeId')
  updateWrapupCode(@Param('codeId') id: string, @Body() body: unknown): unknown {
    return wrapupCodeView(this.sim.org, updateWrapupCode(this.sim.org, this.sim.clock, id, body));
  }

  @Delete('wrapupcodes/:codeId')
  @HttpCode(204)
  deleteWrapupCode(@Param('codeId') id: string): void {
    deleteWrapupCode(this.sim.org, id);
  }
}
