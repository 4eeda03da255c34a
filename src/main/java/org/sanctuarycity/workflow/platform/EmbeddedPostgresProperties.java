package org.sanctuarycity.workflow.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of the embedded PostgreSQL that runs when no datasource is configured. */
@ConfigurationProperties("app.embedded-postgres")
public record EmbeddedPostgresProperties(
    @DefaultValue("./data") Path dataDir,
    Path workDir,
    @DefaultValue("false") boolean cleanOnStart,
    @DefaultValue("true") boolean durable,
    @DefaultValue("0") int port,
    @DefaultValue("10s") String autovacuumNaptime) {}
