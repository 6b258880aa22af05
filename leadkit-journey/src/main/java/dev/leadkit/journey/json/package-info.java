/**
 * The stable JSON form of journey definitions and content streams, written and read with
 * Jackson tree code (no annotations on the domain types). Predicates use the core
 * {@code PredicateJson} node format.
 */
@NullMarked
package dev.leadkit.journey.json;

import org.jspecify.annotations.NullMarked;
