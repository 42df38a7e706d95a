/** The chasqui command: run the server, manage accounts, check, repair and back up the data. */
package org.chasqui.broker.cli;
