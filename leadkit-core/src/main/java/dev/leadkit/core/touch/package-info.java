/** Touchpoints: typed, timed interactions of leads and anonymous visitors. */
@NullMarked
package dev.leadkit.core.touch;

import org.jspecify.annotations.NullMarked;
