/** Local routing of stanzas: the registry of bound sessions and the delivery rules of RFC 6121 §8.5. */
package org.chasqui.broker.routing;
