/**
 * apimachinery `ValidateAnnotations`: an object's annotations, keys and
 * values, may total at most 256 KiB (`TotalAnnotationSizeLimitB`).
 */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
