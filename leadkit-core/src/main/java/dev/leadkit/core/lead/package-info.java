/**
 * The lead record and its values: ids, the normalised e-mail key, typed attributes, lifecycle
 * stages with their transition table, consent per channel, owner and named scores.
 */
@NullMarked
package dev.leadkit.core.lead;

import org.jspecify.annotations.NullMarked;
