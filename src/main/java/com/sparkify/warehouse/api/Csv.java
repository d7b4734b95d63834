package com.sparkify.warehouse.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Writes records as RFC 4180 CSV: a header line of the record's component names (the JSON field
 * names), CRLF line ends, and fields with a comma, quote or line break quoted with quotes doubled.
 */
final class Csv {

    static final String MEDIA_TYPE = "text/csv";

    private Csv() {
    }

    static <T extends Record> String write(Class<T> type, List<T> rows) {
        RecordComponent[] components = type.getRecordComponents();
        StringBuilder out = new StringBuilder(64 * (rows.size() + 1));
        for (int i = 0; i < components.length; i++) {
            out.append(i == 0 ? "" : ",").append(field(components[i].getName()));
        }
        out.append("\r\n");
        for (T row : rows) {
            for (int i = 0; i < components.length; i++) {
                out.append(i == 0 ? "" : ",").append(field(value(components[i], row)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static Object value(RecordComponent component, Record row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + row.getClass(), e);
        }
    }
}
