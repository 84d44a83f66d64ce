import type { Context } from 'hono';
import { validator } from 'hono/validator';
import { z, type ZodType } from 'zod';
import { slugPattern } from '../../site/utils/urls.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage } from '../errors.ts';

/**
 * Validates a route's path parameters with its schema: an address whose
 * parameters do not fit is a page that does not exist, so by default it gets
 * the site's 404 page (the OpenAPI routes answer JSON 400 through their own
 * schemas). Handlers read the typed values with c.req.valid('param').
 */
export const pageParams = <T extends ZodType>(schema: T, onInvalid: (c: Context<AppEnv>) => Response | Promise<Response> = notFoundPage) =>
  validator('param', async (value, c: Context<AppEnv>) => {
    const result = await schema.safeParseAsync(value);
    return result.success ? (result.data as z.output<T>) : onInvalid(c);
  });

/** A guide's slug in a path (a file name in content/guides, without .mdx). */
export const GuideSlug = z.string().regex(slugPattern);
