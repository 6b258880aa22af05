/**
 * Spring Boot Actuator support: the {@code leadkit} health indicator and endpoint.
 */
@NullMarked
package dev.leadkit.spring.actuate;

import org.jspecify.annotations.NullMarked;
