package com.sparkify.warehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.run.EtlRequest;
import com.sparkify.warehouse.run.JobView;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The JSON warm-up builds every serializer a job's view needs: its sample leaves no part of the view
 * empty (a part added later and left out would fail here), and it reads back as it was written with the
 * service's own mapper, as the job history reads it.
 */
@QuarkusTest
class JsonWarmUpTest {

    @Inject
    ObjectMapper json;

    @Inject
    JsonWarmUp warmUp;

    @Test
    void shouldFillEveryPartOfTheJobView() throws Exception {
        assertEveryComponentFilled(JsonWarmUp.sample(), "JobView");
    }

    @Test
    void shouldReadTheSampleBackAsItWasWritten() throws Exception {
        JobView sample = JsonWarmUp.sample();

        assertThat(json.readValue(json.writeValueAsBytes(sample), JobView.class)).isEqualTo(sample);
    }

    @Test
    void shouldReadTheDocumentedRunRequest() throws Exception {
        warmUp.run();

        assertThat(json.readValue(Examples.ETL_REQUEST, EtlRequest.class).logData()).isEqualTo("data/sample/log_data");
    }

    /** Every component non-null, and likewise inside nested records, lists and maps (which must not be empty). */
    private static void assertEveryComponentFilled(Object value, String path) throws Exception {
        assertThat(value).as(path).isNotNull();
        if (value instanceof Collection<?> items) {
            assertThat(items).as(path).isNotEmpty();
            for (Object item : items) {
                assertEveryComponentFilled(item, path + "[]");
            }
        } else if (value instanceof Map<?, ?> map) {
            assertThat(map).as(path).isNotEmpty();
        } else if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                assertEveryComponentFilled(component.getAccessor().invoke(value), path + "." + component.getName());
            }
        }
    }
}
