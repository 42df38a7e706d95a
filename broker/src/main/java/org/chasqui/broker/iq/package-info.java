/** IQ requests answered by the server itself, dispatched by payload namespace. */
package org.chasqui.broker.iq;
