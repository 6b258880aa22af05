/**
 * Runs {@link dev.leadkit.core.LeadKit#runDue()} at a fixed interval on a thread of its own.
 */
@NullMarked
package dev.leadkit.spring.scheduling;

import org.jspecify.annotations.NullMarked;
