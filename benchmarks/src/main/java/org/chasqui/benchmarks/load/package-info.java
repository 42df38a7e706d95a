/**
 * End-to-end load generator (issue 9): raw XMPP over NIO against any server on loopback, SASL PLAIN
 * or SCRAM-SHA-1 without TLS, RFC 6120/6121 streams, XEP-0060 publish-subscribe, XEP-0077
 * registration. Entry point {@link org.chasqui.benchmarks.load.LoadMain}; driven by
 * benchmarks/load.sh (see benchmarks/README.md).
 */
package org.chasqui.benchmarks.load;
