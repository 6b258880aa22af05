/**
 * Mounts the read-only leadkit console in a servlet web application when {@code
 * leadkit.console.enabled=true} and leadkit-console is on the class path.
 */
@NullMarked
package dev.leadkit.spring.console;

import org.jspecify.annotations.NullMarked;
