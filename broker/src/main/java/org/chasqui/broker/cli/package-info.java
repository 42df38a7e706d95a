/** The chasqui command: run the server, manage accounts, check, repair and back up the data, read the pubsub journal. */
package org.chasqui.broker.cli;
