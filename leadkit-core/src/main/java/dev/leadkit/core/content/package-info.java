/**
 * Personalisation (R7): a small, safe message template engine checked at definition time
 * ({@link dev.leadkit.core.content.Template}), content variants by industry, role or stage
 * ({@link dev.leadkit.core.content.ContentVariants}), next-best-asset recommendation ({@link
 * dev.leadkit.core.content.ContentRecommender}) and progressive profiling ({@link
 * dev.leadkit.core.content.ProgressiveProfile}).
 */
@NullMarked
package dev.leadkit.core.content;

import org.jspecify.annotations.NullMarked;
