/**
 * The versioned JSON form of predicates ({@link dev.leadkit.core.predicate.json.PredicateJson}),
 * written and read with Jackson tree code; the domain types carry no Jackson annotations.
 */
@NullMarked
package dev.leadkit.core.predicate.json;

import org.jspecify.annotations.NullMarked;
