/** The chasqui command: run the server and manage accounts. */
package org.chasqui.broker.cli;
