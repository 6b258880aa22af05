/** Time support: leadkit reads time only from a {@link java.time.Clock}; tests use {@link dev.leadkit.core.time.ManualClock}. */
@NullMarked
package dev.leadkit.core.time;

import org.jspecify.annotations.NullMarked;
