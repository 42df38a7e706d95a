/** XEP-0077 In-Band Registration, version 2.4. */
package org.chasqui.broker.register;
