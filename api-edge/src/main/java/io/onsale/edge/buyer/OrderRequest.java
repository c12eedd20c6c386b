package io.onsale.edge.buyer;

import java.util.List;

/**
 * What a buyer asks for: specific seats ({@code seats}), or a quantity in a section ({@code sectionId} and
 * {@code quantity}).
 */
record OrderRequest(List<String> seats, String sectionId, Integer quantity) {}
