/**
 * Micrometer meters for a {@link dev.leadkit.core.LeadKit} engine; usable without Spring.
 */
@NullMarked
package dev.leadkit.spring.metrics;

import org.jspecify.annotations.NullMarked;
