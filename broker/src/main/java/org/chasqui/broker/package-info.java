/** The Chasqui server: wiring of transports, sessions, routing and handlers. */
package org.chasqui.broker;
