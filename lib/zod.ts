/**
 * zod, as every module of this program imports it (`import * as z from
 * '../zod'`), configured before any schema is built: a schema reads the
 * configuration when it is constructed, at module load.
 *
 * `jitless`: by default zod compiles a parser for each object schema with
 * `new Function` on its first use. One run parses each schema at most some
 * thousand times, and zod's interpreter is faster for that (measured in
 * the README, "Performance").
 */
import * as z from 'zod';

z.config({ jitless: true });

export * from 'zod';
