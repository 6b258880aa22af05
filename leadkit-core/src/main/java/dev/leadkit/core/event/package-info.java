/** Typed events out of leadkit and the bus that delivers them to the host's listeners. */
@NullMarked
package dev.leadkit.core.event;

import org.jspecify.annotations.NullMarked;
