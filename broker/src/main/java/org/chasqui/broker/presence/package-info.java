/** RFC 6121 §4: presence broadcast, probes, directed presence and unavailable on departure. */
package org.chasqui.broker.presence;
