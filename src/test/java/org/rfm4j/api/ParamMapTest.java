// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.Precision;

/** Parameters as a map (get_params / set_params). */
class ParamMapTest {
    @Test
    void theMapRoundTripsEveryParameter() {
        RfmParams p = RfmParams.builder().kernel("gaussian").bandwidth(3).reg(0.5).iterations(2).diagonal(true)
                .tuningMetric("mae").precision(Precision.FLOAT64).seed(9).solver("tree")
                .tree(org.rfm4j.tree.TreeSettings.defaults().withLeafSize(500)).build();
        Map<String, Object> m = p.toMap();
        assertEquals(27, m.size());
        assertEquals(500, m.get("tree.leaf_size"));
        assertEquals("float64", m.get("precision"));
        assertEquals(p, p.with(m));
        assertEquals(p, RfmParams.builder().build().with(m));
        assertNull(RfmParams.builder().build().toMap().get("tuning_metric"));
    }

    @Test
    void changesTakeValuesOrTextAndLeaveTheRest() {
        RfmParams base = RfmParams.builder().build();
        RfmParams changed = base.with(Map.of("reg", 0.1, "iterations", "3", "tree.leaf_size", "500", "diagonal", "true"));
        assertEquals(0.1, changed.reg());
        assertEquals(3, changed.iterations());
        assertEquals(500, changed.tree().leafSize());
        assertTrue(changed.diagonal());
        assertEquals(base.bandwidth(), changed.bandwidth());
        assertEquals(1e-3, base.reg(), "the original is unchanged");
    }

    @Test
    void unknownNamesAndBadValuesFailWithTheWayOut() {
        RfmParams base = RfmParams.builder().build();
        RfmException e = assertThrows(RfmException.class, () -> base.with(Map.of("lambda", 1)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("unknown parameter 'lambda'") && e.getMessage().contains("reg"), e.getMessage());
        e = assertThrows(RfmException.class, () -> base.with(Map.of("iterations", 2.5)));
        assertTrue(e.getMessage().contains("'iterations' is 2.5: give a whole number"), e.getMessage());
        e = assertThrows(RfmException.class, () -> base.with(Map.of("diagonal", "maybe")));
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
        e = assertThrows(RfmException.class, () -> base.with(Map.of("reg", -1)));
        assertTrue(e.getMessage().contains("reg must be"), e.getMessage());
    }
}
