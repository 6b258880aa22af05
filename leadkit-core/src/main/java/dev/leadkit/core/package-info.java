/**
 * The leadkit engine ({@link dev.leadkit.core.LeadKit}) and the exception hierarchy rooted at
 * {@link dev.leadkit.core.LeadkitException}.
 */
@NullMarked
package dev.leadkit.core;

import org.jspecify.annotations.NullMarked;
