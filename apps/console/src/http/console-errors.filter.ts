import { ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { SignInRequired } from './session.guard';

/** No session: a page sends the browser to sign in; the API answers 401 with a JSON body. */
@Catch(SignInRequired)
export class SignInRequiredFilter implements ExceptionFilter {
  catch(exception: SignInRequired, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception.page) response.redirect(303, '/sign-in');
    else response.status(401).json({ statusCode: 401, message: 'sign in first' });
  }
}
