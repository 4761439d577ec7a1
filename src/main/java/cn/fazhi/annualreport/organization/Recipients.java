package cn.fazhi.annualreport.organization;

import java.util.List;

/** Where a report goes: the statutory recipients (报送) and the supervising office that receives a copy (抄送). */
public record Recipients(List<String> filing, String copyTo) {

    public Recipients {
        filing = List.copyOf(filing);
    }
}
