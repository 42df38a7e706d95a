/** JMH benchmarks; run with java -jar benchmarks/target/benchmarks.jar (see benchmarks/README.md). */
package org.chasqui.benchmarks;
