/**
 * Size limits the API server puts on one object.
 *
 * `TotalAnnotationSizeLimitB` (apimachinery pkg/api/validation/objectmeta.go,
 * `ValidateAnnotationsSize`): the most bytes all annotation keys and values
 * of one object may take together, counted in UTF-8.
 */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
