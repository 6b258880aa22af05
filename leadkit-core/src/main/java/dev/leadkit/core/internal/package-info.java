/**
 * Implementation classes that other leadkit packages or modules need. <b>Not API</b>: anything
 * here may change or disappear in any release; hosts must not use it.
 */
@NullMarked
package dev.leadkit.core.internal;

import org.jspecify.annotations.NullMarked;
