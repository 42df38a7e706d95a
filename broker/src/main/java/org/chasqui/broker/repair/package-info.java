/**
 * {@code chasqui repair-data}: damaged journals rebuilt from their sound prefix and put in place, the
 * damaged directories kept beside them ({@link org.chasqui.broker.repair.Repair}).
 */
package org.chasqui.broker.repair;
