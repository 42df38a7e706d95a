/** XEP-0160 (Best Practices for Handling Offline Messages, version 1.0.1) with XEP-0203 delay stamps. */
package org.chasqui.broker.offline;
