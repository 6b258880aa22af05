/**
 * Identity ("nayose"): stitching anonymous visitors to leads (form e-mail, signed tagged links,
 * host assertion), merging duplicate leads by survivorship rules with an audit record and undo,
 * and erasure and export of a lead's personal data. Install {@link
 * dev.leadkit.core.identity.Identity} as a plugin.
 */
@NullMarked
package dev.leadkit.core.identity;

import org.jspecify.annotations.NullMarked;
