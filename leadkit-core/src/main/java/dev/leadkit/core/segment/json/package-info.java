/** The versioned JSON form of segment definitions, written with Jackson tree code. */
@NullMarked
package dev.leadkit.core.segment.json;

import org.jspecify.annotations.NullMarked;
