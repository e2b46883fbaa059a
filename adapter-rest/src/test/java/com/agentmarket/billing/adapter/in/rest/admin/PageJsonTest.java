package com.agentmarket.billing.adapter.in.rest.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.application.shared.Page;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageJsonTest {

    @Test
    void a_page_maps_each_item_and_keeps_page_size_and_the_total_of_every_match() {
        PageJson<String> json = PageJson.of(new Page<>(List.of(1, 2), 3, 2, 11), number -> "item " + number);

        assertThat(json).isEqualTo(new PageJson<>(List.of("item 1", "item 2"), 3, 2, 11));
    }

    @Test
    void page_counts_from_0_and_size_goes_from_1_to_200() {
        assertThat(PageJson.bounds("0", "1")).containsExactly(0, 1);
        assertThat(PageJson.bounds("7", "200")).containsExactly(7, 200);
        assertThat(PageJson.bounds(" 2 ", " 50 ")).containsExactly(2, 50);
    }

    @ParameterizedTest(name = "page={0} size={1}")
    @CsvSource({
        "-1, 50, page must be a whole number from 0.",
        "x, 50, page must be a whole number from 0.",
        "1.5, 50, page must be a whole number from 0.",
        "99999999999, 50, page must be a whole number from 0.",
        "0, 0, size must be a whole number from 1 to 200.",
        "0, 201, size must be a whole number from 1 to 200.",
        "0, '', size must be a whole number from 1 to 200.",
    })
    void anything_else_is_400_invalid_request_naming_the_parameter(String page, String size, String detail) {
        BadRequestException refused = catchThrowableOfType(BadRequestException.class, () -> PageJson.bounds(page, size));

        Response answer = refused.getResponse();
        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(answer.getMediaType()).isEqualTo(MediaType.valueOf("application/problem+json"));
        assertThat(answer.getEntity()).isInstanceOf(Problem.class);
        Problem problem = (Problem) answer.getEntity();
        assertThat(problem.type()).isEqualTo("/problems/invalid-request");
        assertThat(problem.detail()).isEqualTo(detail);
    }
}
