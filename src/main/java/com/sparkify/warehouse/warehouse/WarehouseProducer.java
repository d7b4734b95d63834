package com.sparkify.warehouse.warehouse;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.warehouse.duckdb.DuckDbWarehouse;
import com.sparkify.warehouse.warehouse.redshift.RedshiftSettings;
import com.sparkify.warehouse.warehouse.redshift.RedshiftWarehouse;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Picks the warehouse engine named by {@code sparkify.warehouse.engine}. Only that engine's datasource
 * is active (see {@code EngineDatasourceInterceptor}), so the other is never touched.
 */
@ApplicationScoped
public class WarehouseProducer {

    @Produces
    @ApplicationScoped
    Warehouse warehouse(SparkifyConfig config, SourceService sources, ObjectMapper json,
            @DataSource("duckdb") InjectableInstance<AgroalDataSource> duckdb,
            @DataSource("redshift") InjectableInstance<AgroalDataSource> redshift,
            @ConfigProperty(name = "quarkus.datasource.duckdb.jdbc.url") String duckdbUrl,
            @ConfigProperty(name = "quarkus.datasource.redshift.jdbc.url") Optional<String> redshiftUrl,
            RedshiftSettings redshiftSettings) {
        String engine = config.warehouse().engine().trim();
        return switch (engine) {
            case "duckdb" -> new DuckDbWarehouse(duckdb.getActive(), duckdbUrl, config, sources, json);
            case "redshift" -> new RedshiftWarehouse(redshift.getActive(), redshiftUrl.orElse(null),
                    redshiftSettings, config.etl(), sources);
            default -> throw new IllegalStateException(
                    "sparkify.warehouse.engine must be 'duckdb' or 'redshift', not '" + engine + "'");
        };
    }
}
