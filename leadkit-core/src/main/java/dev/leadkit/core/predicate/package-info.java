/**
 * The predicate language shared by segments, scoring fit rules and journey rules: a sealed AST
 * ({@link dev.leadkit.core.predicate.Predicate}), a fluent API ({@link
 * dev.leadkit.core.predicate.Predicates}), a text syntax ({@link
 * dev.leadkit.core.predicate.PredicateText}), a compiler to fast evaluators ({@link
 * dev.leadkit.core.predicate.PredicateCompiler}) and the reusable {@link
 * dev.leadkit.core.predicate.TouchpointFilter}.
 */
@NullMarked
package dev.leadkit.core.predicate;

import org.jspecify.annotations.NullMarked;
