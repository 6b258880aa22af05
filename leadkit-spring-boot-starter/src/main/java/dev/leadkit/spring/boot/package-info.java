/**
 * Spring Boot auto-configuration of leadkit: the engine on the application's {@code DataSource}, with
 * its stores, mailer, clock and plugins, Flyway migrations and the {@code leadkit.*} properties.
 */
@NullMarked
package dev.leadkit.spring.boot;

import org.jspecify.annotations.NullMarked;
