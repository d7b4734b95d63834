package com.sparkify.warehouse.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Derives {@code quarkus.datasource."duckdb|redshift".active} from {@code sparkify.warehouse.engine},
 * so one setting picks the engine at run time and only its datasource ever opens a connection.
 * An explicit {@code active} setting still wins.
 */
public class EngineDatasourceInterceptor implements ConfigSourceInterceptor {

    static final String ENGINE_KEY = "sparkify.warehouse.engine";
    private static final String PREFIX = "quarkus.datasource.";
    private static final String SUFFIX = ".active";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        // quarkus.datasource.active (the default datasource) matches prefix and suffix but names none.
        if (value != null || !name.startsWith(PREFIX) || !name.endsWith(SUFFIX)
                || name.length() <= PREFIX.length() + SUFFIX.length()) {
            return value;
        }
        String datasource = unquote(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        if (!"duckdb".equals(datasource) && !"redshift".equals(datasource)) {
            return null;
        }
        ConfigValue engine = context.proceed(ENGINE_KEY);
        String chosen = engine == null || engine.getValue() == null ? "duckdb" : engine.getValue().trim();
        return ConfigValue.builder()
                .withName(name)
                .withValue(String.valueOf(datasource.equalsIgnoreCase(chosen)))
                .withConfigSourceName("sparkify.warehouse.engine")
                .build();
    }

    private static String unquote(String s) {
        return s.length() > 1 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
