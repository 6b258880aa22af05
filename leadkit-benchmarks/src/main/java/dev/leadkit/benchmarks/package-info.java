/** leadkit-benchmarks. See the module README section; this package grows with its issue. */
@NullMarked
package dev.leadkit.benchmarks;

import org.jspecify.annotations.NullMarked;
