/** XEP-0115 Entity Capabilities (version 1.6.0): reading clients' capabilities; the server's own. */
package org.chasqui.broker.caps;
