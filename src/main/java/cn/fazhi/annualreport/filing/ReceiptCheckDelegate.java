package cn.fazhi.annualreport.filing;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_CheckReceipts (核对回执): which of the case's addressees still owe a receipt — no record, or filed with the
 * receipt outstanding. Sets {@code receiptsMissing} (the collection of 补录回执) and {@code receiptsComplete} (read by
 * Gateway_ReceiptsComplete): the case goes on to the archive only when every addressee has a receipt or an exemption.
 */
@Component("receiptCheckDelegate")
class ReceiptCheckDelegate implements JavaDelegate {

    private final FilingRecords records;

    ReceiptCheckDelegate(FilingRecords records) {
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> missing = records.missingReceipts(execution.getProcessInstanceId(),
                FilingTasks.addressees(execution));
        execution.setVariable(FilingTasks.VAR_RECEIPTS_MISSING, Variables.objectValue(new ArrayList<>(missing))
                .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
        execution.setVariable(FilingTasks.VAR_RECEIPTS_COMPLETE, missing.isEmpty());
    }
}
