/**
 * The versioned JSON form of scoring models and of per-lead scoring state, written with
 * Jackson tree code (no annotations on the domain types).
 */
@NullMarked
package dev.leadkit.scoring.json;

import org.jspecify.annotations.NullMarked;
