/** Runnable scenarios from the seed articles. Not published. */
@NullMarked
package dev.leadkit.examples;

import org.jspecify.annotations.NullMarked;
