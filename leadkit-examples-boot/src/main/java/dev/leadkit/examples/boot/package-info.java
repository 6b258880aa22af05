/**
 * A small Spring Boot web application on leadkit-spring-boot-starter: a sign-up form whose page
 * views and submissions become leads and touchpoints, with a welcome journey and a mailer that
 * only logs.
 */
@NullMarked
package dev.leadkit.examples.boot;

import org.jspecify.annotations.NullMarked;
