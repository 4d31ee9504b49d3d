import { Controller, Get, Header } from '@nestjs/common';
import { consoleCss } from '../assets/console-css';
import { consoleJs } from '../assets/console-js';

/** The console's own stylesheet and script (no CDN): public, cacheable for a while. */
@Controller('assets')
export class AssetsController {
  @Get('console.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  css() {
    return consoleCss;
  }

  @Get('console.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  js() {
    return consoleJs;
  }
}
