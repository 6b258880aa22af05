/** Bulk import of offline leads (business cards, seminar surveys) from CSV. */
@NullMarked
package dev.leadkit.core.imports;

import org.jspecify.annotations.NullMarked;
