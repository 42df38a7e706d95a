/**
 * Server configuration: one YAML file, one loader, immutable records.
 *
 * <p>{@link org.chasqui.broker.config.ServerConfig} is the root of a tree of records
 * ({@link org.chasqui.broker.config.C2sConfig}, {@link org.chasqui.broker.config.TlsConfig},
 * {@link org.chasqui.broker.config.LimitsConfig}, {@link org.chasqui.broker.config.AuthConfig},
 * {@link org.chasqui.broker.config.RegistrationConfig}, {@link org.chasqui.broker.config.RuntimeConfig}).
 * Each record names its defaults ({@code DEFAULT_*}) and its integer ranges ({@code *_RANGE}), and its
 * canonical constructor validates them, so a configuration built in code is as valid as one loaded
 * from a file. {@link org.chasqui.broker.config.ConfigLoader} overlays a YAML file on
 * {@link org.chasqui.broker.config.ServerConfig#defaults()}; every problem is a
 * {@link org.chasqui.broker.config.ConfigException} whose message starts with the dotted key.
 *
 * <p>The keys are documented in {@code docs/CONFIGURATION.md}; a test keeps that document, its
 * examples and {@code docs/chasqui.example.yaml} in step with the code.
 */
package org.chasqui.broker.config;
