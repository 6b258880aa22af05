/**
 * Pictures of leadkit's data and a read-only web console.
 *
 * <ul>
 *   <li>{@link dev.leadkit.console.KpiReportPage}: the KPI report as one standalone HTML page
 *       with inline SVG charts;
 *   <li>{@link dev.leadkit.console.LeadTimeline}: one lead's history as one standalone HTML page;
 *   <li>{@link dev.leadkit.console.LeadkitConsole}: the console, on the JDK's HTTP server or
 *       mounted in a host (see the Spring Boot starter);
 *   <li>{@link dev.leadkit.console.View}: the viewer's time zone, locale and currency.
 * </ul>
 *
 * <p>The journey diagram lives beside the journey engine: {@code
 * dev.leadkit.journey.JourneyDiagram}. Every page is server-rendered, needs no script and loads
 * nothing from elsewhere; every value from the stores is escaped.
 */
@NullMarked
package dev.leadkit.console;

import org.jspecify.annotations.NullMarked;
