import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** The largest request body the console reads (a command or a sign-in form is a few hundred bytes). */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Every answer: only the console's own scripts and styles, never framed, no referrer to other sites, no
 * sniffing; pages and API answers are not cached. Bodies over the limit are refused before any route sees them.
 */
@Injectable()
export class SecurityHeaders implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    );
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'same-origin');
    if (!request.path.startsWith('/assets/')) response.setHeader('Cache-Control', 'no-store');
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      response
        .status(413)
        .json({ statusCode: 413, message: `bodies are limited to ${MAX_BODY_BYTES} bytes` });
      return;
    }
    next();
  }
}
