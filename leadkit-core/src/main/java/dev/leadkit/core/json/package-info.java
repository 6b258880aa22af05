/** The stable JSON forms of leadkit's records, written and read with explicit Jackson tree code. */
@NullMarked
package dev.leadkit.core.json;

import org.jspecify.annotations.NullMarked;
